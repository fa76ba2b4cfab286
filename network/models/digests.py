"""What each person wants in the weekly digest of new knowledge and calls, and which weeks were sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisors.models import Need, split_codes


class DigestPreference(models.Model):
    """A person's chosen needs and service domains; the digest lists new items and calls tagged with them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_digest", verbose_name=_("person")
    )
    needs = models.ManyToManyField(Need, related_name="+", blank=True, verbose_name=_("needs"))
    domains = models.CharField(_("service domains"), max_length=400, blank=True)
    is_subscribed = models.BooleanField(_("send me the weekly digest"), default=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self):
        return str(self.user)

    @property
    def domain_codes(self) -> list[str]:
        return split_codes(self.domains)


class DigestDelivery(models.Model):
    """A week's digest sent to a person: the unique pair makes a second run send nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week starting"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="network_digest_once_a_week")]

    def __str__(self):
        return f"{self.user} {self.week}"
