from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


class RequireTwoFactorMiddleware:
    """Until a person whose role requires two-factor authentication sets it up, they reach only the setup pages.

    The roles are named in settings.MFA_REQUIRED_ROLES (every role in production, none in the local demo).
    """

    allowed_url_names = (
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "account_reauthenticate",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = set(settings.MFA_REQUIRED_ROLES)
        user = request.user
        needs_totp = required and user.is_authenticated and user.roles.intersection(required)
        if needs_totp and not self._is_allowed(request.path_info) and not self._has_totp(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _has_totp(self, request) -> bool:
        if request.session.get("mfa_totp_confirmed") == request.user.pk:
            return True
        from allauth.mfa.models import Authenticator

        has_totp = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        if has_totp:
            request.session["mfa_totp_confirmed"] = request.user.pk
        return has_totp

    def _is_allowed(self, path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        return any(path == reverse(name) for name in self.allowed_url_names)


class UserLanguageMiddleware:
    """A signed-in person's chosen language wins over the browser's, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.preferred_language and user.preferred_language != request.LANGUAGE_CODE:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
