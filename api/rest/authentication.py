"""How the API knows who asks: a personal access token (Authorization: Bearer rcp_...) or a signed-in session.
Whichever it is, only reading is allowed."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from accounts.services import client_ip

from ..tokens import find_usable_token, record_use


class AccessTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send one token after Bearer."))
        token = find_usable_token(header[1])
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is unknown, expired or revoked."))
        if not token.allows(client_ip(request)):
            raise exceptions.AuthenticationFailed(_("The token may not be used from this address."))
        record_use(token=token, request=request)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ReadOnlyAndSignedIn(permissions.BasePermission):
    """Only reading, and only by someone the API knows: a token never writes, nor does a session here."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS and bool(request.user and request.user.is_authenticated)


class AccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = AccessTokenAuthentication
    name = "accessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token created on the account page (read-only, expiring).",
        }
