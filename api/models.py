import ipaddress

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessTokenQuerySet(models.QuerySet):
    def usable(self, at=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())


class AccessToken(models.Model):
    """A person's read-only personal access token for the API. Only the token's hash is stored; the token is shown
    once, when it is created. It reads what its owner reads on the pages, and never writes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    # Networks the token may be used from (CIDR, one per line); empty: anywhere.
    allowed_networks = models.TextField(_("allowed source addresses"), blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="access_token_expires_later"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def networks(self) -> list:
        return [ipaddress.ip_network(line, strict=False) for line in self.allowed_networks.split()]

    def allows(self, address: str | None) -> bool:
        """Whether a request from this address may use the token."""
        networks = self.networks
        if not networks:
            return True
        if not address:
            return False
        ip = ipaddress.ip_address(address)
        return any(ip in network for network in networks)
