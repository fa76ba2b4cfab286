"""Regional and thematic forums: members with a role, roaming meetings with an agenda, invitations, attendance,
minutes and attachments, and the decisions taken there with their owners, due dates, follow-ups and the goals and
service-quality measures they are meant to move.

Other apps' models are named by label ("clusters.Goal", "engagements.Engagement"): this app reads engagements only
through their selectors.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.reference import Region


class Theme(models.TextChoices):
    WELFARE = "welfare", _("Welfare")
    EDUCATION = "education", _("Education")
    EMERGENCY = "emergency", _("Emergency preparedness")
    CEOS = "ceos", _("Cluster CEOs")
    AUTHORITY_HEADS = "authority_heads", _("Heads of authorities")
    DISTRICT_MANAGERS = "district_managers", _("District managers of government ministries")
    OTHER = "other", pgettext_lazy("forum theme", "Other")


class ScopeKind(models.TextChoices):
    CLUSTER = "cluster", _("A cluster")
    REGION = "region", _("A region")
    NATIONAL = "national", _("National")


class Forum(models.Model):
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    description = models.TextField(_("description"), blank=True)
    scope_kind = models.CharField(_("scope"), max_length=16, choices=ScopeKind.choices)
    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cluster")
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    # The advisor's engagement whose work logs of activity "forum facilitation" belong to this forum.
    facilitating_engagement = models.ForeignKey(
        "engagements.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facilitating engagement"),
    )
    meets_every_weeks = models.PositiveSmallIntegerField(_("meets every (weeks)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope_kind="cluster") & Q(cluster__isnull=False))
                | (Q(scope_kind="region") & ~Q(region="") & Q(cluster__isnull=True))
                | (Q(scope_kind="national") & Q(cluster__isnull=True)),
                name="forum_scope_is_complete",
            ),
        ]

    def __str__(self):
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("forum role", "Chair")
    MEMBER = "member", pgettext_lazy("forum role", "Member")
    FACILITATOR = "facilitator", _("Facilitator")
    OBSERVER = "observer", _("Observer")


class MemberQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(since__lte=on), Q(until__isnull=True) | Q(until__gte=on))


class ForumMember(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    # Whom the person speaks for (an authority, an office of a ministry), as shown to the other members.
    represents = models.CharField(_("represents"), max_length=200, blank=True)
    since = models.DateField(_("from"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        ordering = ["forum", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "user", "since"], name="forum_member_once_per_start"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")), name="forum_member_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="forum_member_role_valid"),
        ]

    def __str__(self):
        return f"{self.forum}: {self.user} ({self.role})"


class Host(models.Model):
    """One place in the forum's rotation of hosts (a member authority or an office), in the order the chair keeps."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="hosts")
    position = models.PositiveSmallIntegerField(_("position"))
    authority = models.ForeignKey(
        "clusters.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("authority"),
    )
    office = models.CharField(_("office"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("host in the rotation")
        verbose_name_plural = _("hosts in the rotation")
        ordering = ["forum", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "position"], name="forum_host_position_unique"),
            models.CheckConstraint(
                condition=(Q(authority__isnull=False) & Q(office="")) | (Q(authority__isnull=True) & ~Q(office="")),
                name="forum_host_is_authority_or_office",
            ),
        ]

    def __str__(self):
        return str(self.authority) if self.authority_id else self.office


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CLOSED = "closed", pgettext_lazy("meeting status", "Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    host = models.ForeignKey(
        Host, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name=_("host")
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    is_national = models.BooleanField(_("national meeting"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE: raised on each change of time or place

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["forum", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="forum_meeting_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(status__in=MeetingStatus.values), name="forum_meeting_status_valid"),
            # A closed meeting has its minutes: closing without them is refused by the service and by the database.
            models.CheckConstraint(
                condition=~Q(status="closed") | (~Q(minutes="") & Q(closed_at__isnull=False)),
                name="forum_meeting_closed_has_minutes",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.forum} {timezone.localtime(self.starts_at):%Y-%m-%d}"

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    starts_at = models.TimeField(_("time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    title = models.CharField(_("topic"), max_length=300)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "starts_at", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480), name="forum_agenda_duration_range"
            ),
        ]

    def __str__(self):
        return self.title


class Reply(models.TextChoices):
    PENDING = "pending", _("Not answered")
    YES = "yes", _("Coming")
    NO = "no", _("Not coming")
    MAYBE = "maybe", _("Maybe")


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reply = models.CharField(_("reply"), max_length=8, choices=Reply.choices, default=Reply.PENDING)
    replied_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True)
    # The start time the invitee was reminded of: a meeting moved to another time is reminded again, once.
    reminded_for = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="forum_invitation_once"),
            models.CheckConstraint(condition=Q(reply__in=Reply.values), name="forum_invitation_reply_valid"),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.user}"


def attachment_path(instance, filename: str) -> str:
    return f"forums/{instance.meeting_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class MeetingAttachment(models.Model):
    """A file of a meeting (a presentation, a signed protocol): under MEDIA_ROOT, served only to the forum's members
    by a permission-checked view."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]


class DecisionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("decision status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class DecisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=[DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS])

    def overdue(self, on=None):
        return self.pending().filter(due_on__lt=on or timezone.localdate())


class Decision(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    decided_on = models.DateField(_("decided on"))
    status = models.CharField(_("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    goals = models.ManyToManyField("clusters.Goal", related_name="+", blank=True, verbose_name=_("goals and KPIs"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # The due date the owner was reminded of as overdue: a new due date is reminded again, once.
    reminded_for = models.DateField(null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DecisionStatus.values), name="forum_decision_status_valid"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        return self.status in (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS) and self.due_on < timezone.localdate()


class DecisionMeasure(models.Model):
    """A service-quality measure (quality app) a decision is meant to move: one metric of one service."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="measures")
    service = models.ForeignKey("clusters.Service", on_delete=models.PROTECT, related_name="+")
    metric = models.CharField(_("measure"), max_length=32)

    class Meta:
        verbose_name = _("linked service-quality measure")
        verbose_name_plural = _("linked service-quality measures")
        constraints = [
            models.UniqueConstraint(fields=["decision", "service", "metric"], name="forum_decision_measure_once"),
        ]

    def __str__(self):
        return f"{self.service_id}:{self.metric}"


class FollowUp(models.Model):
    """A note on a decision at a later meeting: what was done, and the status it moved to."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="follow_ups")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups", null=True, blank=True)
    note = models.TextField(_("follow-up"))
    status = models.CharField(_("status"), max_length=16, choices=DecisionStatus.choices)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["decision", "written_at", "pk"]

    def __str__(self):
        return self.note[:80]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address: whoever has it reads the meetings of that person's forums (times,
    places and titles only), so it can be regenerated, which ends the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
