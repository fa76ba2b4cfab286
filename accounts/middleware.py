from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

SESSION_KEY = "mfa_totp_confirmed"
# allauth's views that can take a person's TOTP away: after a POST to one, the session must prove TOTP afresh.
TOTP_REMOVING_URL_NAMES = ("mfa_deactivate_totp",)


class RequireTwoFactorMiddleware:
    """Until a person whose role requires two-factor authentication sets it up, they reach only the setup pages.

    The roles are named in settings.MFA_REQUIRED_ROLES (every role in production, none in the local demo).
    The session remembers that the person has TOTP, so each page costs no query; turning TOTP off forgets it at
    once, so the very next page of a role that requires it goes to the setup page again.
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
        response = self.get_response(request)
        if request.method == "POST" and self._removes_totp(request):
            request.session.pop(SESSION_KEY, None)
        return response

    @staticmethod
    def _removes_totp(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return match is not None and match.url_name in TOTP_REMOVING_URL_NAMES and hasattr(request, "session")

    def _has_totp(self, request) -> bool:
        if request.session.get(SESSION_KEY) == request.user.pk:
            return True
        from allauth.mfa.models import Authenticator

        has_totp = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        if has_totp:
            request.session[SESSION_KEY] = request.user.pk
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
