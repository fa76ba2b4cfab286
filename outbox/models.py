"""The outbox: every email and task dispatch that leaves the system, written in the transaction of its cause.

A message is pending until a relay delivers it (sent), or dead after OUTBOX_MAX_ATTEMPTS failures. Its `key` names
the recipient and the cause, so writing the same cause twice is one message and a re-run sends nothing twice.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KEY_MAX_LENGTH = 500


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending messages whose next attempt time has come, oldest first."""
        return self.filter(state=OutboxMessage.State.PENDING, next_attempt_at__lte=now or timezone.now()).order_by(
            "next_attempt_at", "pk"
        )

    def failing(self):
        """Dead messages and pending ones that failed at least once."""
        return self.filter(Q(state=OutboxMessage.State.DEAD) | Q(state=OutboxMessage.State.PENDING, attempts__gt=0))


class OutboxMessage(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        TASK = "task", _("Background task")

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("outbox message", "Pending")
        SENT = "sent", pgettext_lazy("outbox message", "Sent")
        DEAD = "dead", pgettext_lazy("outbox message", "Failed for good")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("idempotency key"), max_length=KEY_MAX_LENGTH, unique=True)
    payload = models.JSONField(_("payload"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["email", "task"]), name="outbox_kind_valid"),
            models.CheckConstraint(condition=Q(state__in=["pending", "sent", "dead"]), name="outbox_state_valid"),
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False) | ~Q(state="sent"), name="outbox_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def summary(self) -> str:
        """The subject of an email or the name of a task."""
        if self.kind == self.Kind.EMAIL:
            return str(self.payload.get("subject", ""))
        return str(self.payload.get("task", ""))
