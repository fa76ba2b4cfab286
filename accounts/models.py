import hashlib
from datetime import date

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import SCOPE_MODELS, Role, role_family, roles_apart_from, scope_for


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an email address; what they may do comes from their role assignments."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Kept by accounts.notifications whenever a notification is added or read, so the header's bell costs no query.
    unread_notifications = models.PositiveIntegerField(_("unread notifications"), default=0, editable=False)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login", "unread_notifications"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def active_role_assignments(self) -> list["RoleAssignment"]:
        """This person's role assignments in force today, loaded once per request."""
        if not self.pk:
            return []
        return list(RoleAssignment.objects.filter(user=self).active())

    @cached_property
    def roles(self) -> frozenset[str]:
        codes = {assignment.role for assignment in self.active_role_assignments}
        if self.is_superuser:
            codes.add(Role.PLATFORM_ADMIN)
        return frozenset(codes)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def scope_ids(self, *roles: str) -> set[int]:
        """Ids of the objects this person's active assignments of these roles are scoped to."""
        return {a.scope_id for a in self.active_role_assignments if a.role in roles and a.scope_id}


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=on), Q(ended_on__isnull=True) | Q(ended_on__gt=on))

    def current_or_within(self, months: int, on: date | None = None):
        """Assignments in force, or ended less than `months` months ago (the cooling-off window)."""
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on - relativedelta(months=months)))

    def of_roles(self, roles):
        return self.filter(role__in=list(roles))

    def for_scope(self, obj):
        return self.filter(scope_type=ContentType.objects.get_for_model(obj), scope_id=obj.pk)


class RoleAssignment(models.Model):
    """A person holds a role, scoped to a cluster or an advisor organisation where the role has a scope.

    Ending an assignment keeps the row: history is what the cooling-off rule and the audit read.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    scope_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scope type"),
    )
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    end_reason = models.CharField(_("reason for ending"), max_length=300, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["scope_type", "scope_id", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope_type__isnull=True) & Q(scope_id__isnull=True))
                | (Q(scope_type__isnull=False) & Q(scope_id__isnull=False)),
                name="role_scope_complete",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("starts_on")),
                name="role_ends_after_start",
            ),
        ]

    def __str__(self):
        scope = f" — {self.scope}" if self.scope_id else ""
        return f"{self.user}: {self.get_role_display()}{scope}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ended_on is None or self.ended_on > today)

    def clean(self):
        expected_scope = scope_for(self.role)
        if expected_scope is None and self.scope_id:
            raise ValidationError({"scope_id": _("This role has no scope.")})
        if expected_scope is not None:
            if not self.scope_id or not self.scope_type_id:
                raise ValidationError({"scope_id": _("This role needs a scope.")})
            model = apps.get_model(SCOPE_MODELS[expected_scope])
            if self.scope_type.model_class() is not model:
                raise ValidationError({"scope_id": _("The scope does not fit this role.")})
            if not model.objects.filter(pk=self.scope_id).exists():
                raise ValidationError({"scope_id": _("The scope does not exist.")})
        conflict = separation_conflict(self.user_id, self.role, exclude_pk=self.pk)
        if conflict:
            raise ValidationError(conflict)


def separation_conflict(user_id: int | None, role: str, exclude_pk: int | None = None):
    """Why this person may not take this role under the separation rule, or None.

    A person holds advisory, oversight or editorial (knowledge editor) roles, never two of these families —
    nor within the cooling-off period after a role of another family ended.
    """
    family = role_family(role)
    if family is None or user_id is None:
        return None
    clashing = (
        RoleAssignment.objects.filter(user_id=user_id)
        .of_roles(roles_apart_from(role))
        .current_or_within(settings.COOLING_OFF_MONTHS)
        .exclude(pk=exclude_pk)
    )
    held = {role_family(code) for code in clashing.values_list("role", flat=True)}
    if not held:
        return None
    messages = {
        ("advisory", "oversight"): _(
            "This person holds, or held within the cooling-off period, an oversight role, "
            "so they cannot receive an advisory role."
        ),
        ("oversight", "advisory"): _(
            "This person holds, or held within the cooling-off period, an advisory role, "
            "so they cannot receive an oversight role."
        ),
        ("editorial", "advisory"): _(
            "This person holds, or held within the cooling-off period, an advisory role, "
            "so they cannot become a knowledge editor."
        ),
        ("editorial", "oversight"): _(
            "This person holds, or held within the cooling-off period, an oversight role, "
            "so they cannot become a knowledge editor."
        ),
        ("advisory", "editorial"): _(
            "This person is, or was within the cooling-off period, a knowledge editor, "
            "so they cannot receive an advisory role."
        ),
        ("oversight", "editorial"): _(
            "This person is, or was within the cooling-off period, a knowledge editor, "
            "so they cannot receive an oversight role."
        ),
    }
    other = sorted(held)[0]
    return messages[(family, other)]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation by email to a role. The link carries a token; only its hash is stored."""

    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    scope_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scope type"),
    )
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="he")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} — {self.get_role_display()}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        if self.accepted_at:
            return _("accepted")
        if self.revoked_at:
            return _("revoked")
        if self.is_expired:
            return _("expired")
        return _("pending")


class AuditEvent(models.Model):
    """Who did what, when and from where: role grants, invitations, sign-ins and other security events."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("failed to sign in")
        SIGN_OUT = "sign_out", _("signed out")
        ROLE_GRANTED = "role_granted", _("role granted")
        ROLE_ENDED = "role_ended", _("role ended")
        INVITATION_SENT = "invitation_sent", _("invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted")
        INVITATION_REVOKED = "invitation_revoked", _("invitation revoked")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # Any app may record its own actions; their labels come from audit_action_labels().
    action = models.CharField(_("action"), max_length=60, db_index=False)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target type"),
    )
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    target_repr = models.CharField(_("target"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["actor", "-at"]), models.Index(fields=["action", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action_label} {self.target_repr}"

    @property
    def action_label(self) -> str:
        return audit_action_labels().get(self.action, self.action)


def audit_action_labels() -> dict[str, str]:
    """Labels of every audit action: this app's, and those each app declares as `audit_actions` on its AppConfig."""
    labels = dict(AuditEvent.Action.choices)
    for config in apps.get_app_configs():
        labels.update(getattr(config, "audit_actions", {}))
    return labels


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An email the platform owed a person, kept in their in-app notification centre (read or unread).

    Written by the outbox hook in accounts.notifications for every email to a person with an account, whether or not
    they get it by email. Only the subject and the page it links to are kept, never the body.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    key = models.CharField(_("idempotency key"), max_length=500)
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=500)
    link = models.CharField(_("link"), max_length=500, blank=True)
    is_emailed = models.BooleanField(_("sent by email"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="notification_inbox")]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_cause")]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """Whether a person gets one kind of notification by email (no row: they do). In-app notifications are always on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=40)
    wants_email = models.BooleanField(_("by email"), default=True)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once_per_kind")]

    def __str__(self):
        return f"{self.user} {self.kind} {self.wants_email}"
