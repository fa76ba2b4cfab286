"""Access rules for the platform's own pages, the accounts app and allauth's pages."""

from tests.access_matrix import (
    BAD_REQUEST,
    FORBIDDEN,
    GONE,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Namespace,
    Rule,
    expect,
    only,
)
from tests.conftest import ACTORS


def _invitation(world):
    from accounts import services
    from accounts.roles import Role

    invitation, token = services.create_invitation(
        email="invitee@example.org", role=Role.ADVISOR, scope=world.organisation, invited_by=world.curator
    )
    world.extra["invitation"] = invitation
    world.extra["token"] = token


def _expired_invitation(world):
    from datetime import timedelta

    from django.utils import timezone

    _invitation(world)
    world.invitation.expires_at = timezone.now() - timedelta(minutes=1)
    world.invitation.save(update_fields=["expires_at"])


def _notification(world):
    """A notification of the CEO's, fed by the outbox like every other."""
    from django.db import transaction

    from accounts.models import Notification
    from outbox.services import send_email

    with transaction.atomic():
        send_email(key=f"finding-raised:1:{world.ceo.pk}", to=world.ceo.email, subject="A finding", body="Read it.")
    world.extra["notification"] = Notification.objects.get(user=world.ceo)


everyone = dict.fromkeys(ACTORS, OK)
signed_in_redirect = expect(default=REDIRECT, anonymous=OK)

RULES = [
    # Every signed-in person is sent to their role's home page; a person without a role sees an empty state.
    Rule("home", expect(default=REDIRECT, no_role=OK)),
    Rule("accessibility", everyone),
    Rule("health", everyone),
    Rule("set_language", expect(default=REDIRECT, anonymous=REDIRECT), method="post", data={"language": "en"}),
    Rule("accounts:admin_home", only("admin")),
    Rule("accounts:audit_log", only("admin")),
    Rule("accounts:invitation_list", only("admin", "curator")),
    Rule("accounts:invitation_create", only("admin", "curator")),
    Rule(
        "accounts:invitation_revoke",
        # A curator may revoke the advisory invitation; the admin too. Others do not see it at all.
        expect(default=NOT_FOUND, admin=REDIRECT, curator=REDIRECT),
        kwargs=lambda w: {"pk": w.invitation.pk},
        method="post",
        setup=_invitation,
    ),
    Rule(
        "accounts:invitation_accept",
        # A valid link is public: anyone may open it (a signed-in person is asked to confirm).
        dict.fromkeys(ACTORS, OK),
        kwargs=lambda w: {"token": w.token},
        setup=_invitation,
    ),
    # Each person's own notification centre and email preferences; another person's notification is not found.
    Rule("notifications:list", expect(default=OK)),
    Rule("notifications:preferences", expect(default=OK)),
    Rule("notifications:read_all", expect(default=REDIRECT), method="post"),
    Rule(
        "notifications:read",
        expect(default=NOT_FOUND, ceo=REDIRECT),
        kwargs=lambda w: {"pk": w.notification.pk},
        method="post",
        setup=_notification,
    ),
    # allauth: entrance pages for visitors; signed-in people are sent on.
    Rule("account_login", signed_in_redirect),
    Rule("account_signup", signed_in_redirect),
    Rule("account_logout", expect(default=OK)),
    Rule("account_inactive", everyone),
    Rule("account_reauthenticate", expect(default=OK)),
    Rule("account_email", expect(default=OK)),
    Rule("account_email_verification_sent", everyone),
    Rule("account_change_password", expect(default=OK)),
    Rule("account_set_password", expect(default=REDIRECT)),
    Rule("account_reset_password", everyone),
    Rule("account_reset_password_done", everyone),
    Rule("account_reset_password_from_key_done", everyone),
    Rule("account_confirm_login_code", expect(default=REDIRECT)),
    Rule("account_confirm_email", everyone, kwargs=lambda w: {"key": "not-a-real-key"}),
    Rule(
        "account_reset_password_from_key",
        everyone,
        kwargs=lambda w: {"uidb36": "1", "key": "not-a-real-key"},
    ),
    # allauth.mfa: only for signed-in people.
    Rule("mfa_index", expect(default=OK)),
    Rule("mfa_authenticate", expect(default=REDIRECT)),
    Rule("mfa_reauthenticate", expect(default=REDIRECT)),
    # Activating two-factor asks for the password again first (the test sign-in is not a fresh one).
    Rule("mfa_activate_totp", expect(default=REDIRECT)),
    Rule("mfa_deactivate_totp", expect(default=NOT_FOUND)),
    Rule("mfa_view_recovery_codes", expect(default=NOT_FOUND)),
    Rule("mfa_generate_recovery_codes", expect(default=REDIRECT)),
    Rule("mfa_download_recovery_codes", expect(default=NOT_FOUND)),
    # Django admin: staff only; everyone else is sent to sign in, and the admin's sign-in refuses non-staff.
    Rule("admin:index", expect(default=LOGIN, admin=OK)),
    Rule("admin:login", expect(default=FORBIDDEN, admin=REDIRECT)),
    Rule("admin:logout", expect(default=REDIRECT, admin=NOT_ALLOWED)),
    Namespace(
        "admin",
        expect(default=LOGIN, admin=OK),
        note="the admin site's own check",
        overrides={
            # audit events, invitations and access tokens are never added by hand; autocomplete needs its parameters
            "admin:accounts_auditevent_add": {"admin": FORBIDDEN},
            "admin:accounts_invitation_add": {"admin": FORBIDDEN},
            # outbox messages are written only by the workflows that owe them
            "admin:outbox_outboxmessage_add": {"admin": FORBIDDEN},
            "admin:api_accesstoken_add": {"admin": FORBIDDEN},
            # versions, knowledge items and applications come from the site's workflows only
            "admin:network_playbookversion_add": {"admin": FORBIDDEN},
            "admin:network_knowledgeitem_add": {"admin": FORBIDDEN},
            "admin:network_application_add": {"admin": FORBIDDEN},
            "admin:autocomplete": {"admin": FORBIDDEN},
        },
    ),
]

__all__ = ["RULES", "BAD_REQUEST", "GONE", "LOGIN"]
