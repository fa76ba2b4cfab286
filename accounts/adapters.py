import base64
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.urls import reverse

from .models import AuditEvent, User
from .services import record_event


class AccountAdapter(DefaultAccountAdapter):
    """Records sign-ins, failures and sign-outs in the audit log and restores the person's language."""

    def is_open_for_signup(self, request) -> bool:
        """Access is by invitation: the public sign-up form is closed unless ACCOUNT_PUBLIC_SIGNUP allows it."""
        return settings.ACCOUNT_PUBLIC_SIGNUP

    def get_login_redirect_url(self, request):
        return reverse("home")

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        record_event(action=AuditEvent.Action.SIGN_IN, actor=user, target=user, request=request)
        if user.preferred_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A sign-in within the reauthentication timeout counts as recent: setting up two-factor right after signing in
        (where the required-2FA redirect sends people) does not ask for the password a second time."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = getattr(self, "request", None)
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        return not records or time.time() - records[-1]["at"] >= account_settings.REAUTHENTICATION_TIMEOUT

    def authentication_failed(self, request, **credentials):
        email = (credentials.get("email") or "")[:254]
        actor = User.objects.filter(email__iexact=email).first() if email else None
        record_event(action=AuditEvent.Action.SIGN_IN_FAILED, actor=actor, request=request, data={"email": email})

    def logout(self, request):
        user = request.user if request.user.is_authenticated else None
        if user is not None:
            record_event(action=AuditEvent.Action.SIGN_OUT, actor=user, target=user, request=request)
        super().logout(request)


def _fernet() -> Fernet:
    material = (settings.MFA_ENCRYPTION_KEY or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"mfa-secrets", info=b"totp").derive(material)
    return Fernet(base64.urlsafe_b64encode(key))


class MFAAdapter(DefaultMFAAdapter):
    """Stores TOTP secrets and recovery-code seeds encrypted at rest."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()
