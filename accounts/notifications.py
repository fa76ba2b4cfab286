"""The in-app notification centre and email preferences, fed by the outbox.

Every email written through `outbox.services.send_email` passes through `record_email` (registered in
AccountsConfig.ready()): each recipient with an account gets a notification row (the subject and the link of the
email's page), and the email itself is dropped for recipients who turned its kind off. The kinds people choose from
are `KINDS`; an email's kind is the `kind` its sender names, or else the first part of its outbox key. Kinds that keep
an account safe (sign-in, invitations, password reset, two-factor) are always emailed.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import EmailPreference, Notification, User
from .roles import Role

ADVISORY = {Role.ADVISOR, Role.ORGANISATION_MANAGER}
REFERENTS = {Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY, Role.HEAD_REFERENT}
CLUSTER = {Role.CLUSTER_CEO, Role.BOARD_MEMBER}


@dataclass(frozen=True)
class Kind:
    """A kind of notification: the outbox key prefixes it covers, who it concerns, and whether it may be turned off."""

    code: str
    label: str | Promise
    prefixes: tuple[str, ...]
    roles: frozenset[str] | None = None  # the roles that receive it; None: anyone
    is_always_emailed: bool = False


KINDS = [
    Kind(
        "account",
        _("Sign-in, invitations, password and two-factor"),
        ("invitation", "sign-in", "login-code", "password-reset", "email-confirmation", "mfa"),
        is_always_emailed=True,
    ),
    Kind(
        "conflicts",
        _("Conflicts of interest on an engagement"),
        ("mandate-conflict",),
        frozenset(CLUSTER | ADVISORY),
        is_always_emailed=True,
    ),
    Kind("engagements", _("Changes to engagements"), ("engagement-transition",), frozenset(CLUSTER | ADVISORY)),
    Kind("work_logs", _("Work logs waiting too long for approval"), ("work-log-escalation",), frozenset(CLUSTER)),
    Kind(
        "requests",
        _("Requests and proposals"),
        ("request-opened", "proposal-received", "proposal-decision"),
        frozenset({Role.CLUSTER_CEO, *ADVISORY}),
    ),
    Kind(
        "catalogue",
        _("Catalogue vetting and profile reconfirmation"),
        ("vetting-decision", "reconfirm-reminder"),
        frozenset(ADVISORY),
    ),
    Kind(
        "pilots",
        _("Pilot checkpoints and decision reviews"),
        ("pilot-measurement", "pilot-decision"),
        frozenset(CLUSTER),
    ),
    Kind(
        "reviews",
        _("Reviews of reports and plans, and findings"),
        ("report-step", "work-plan-decision", "strategic-plan-decision", "finding-raised"),
        frozenset(CLUSTER | REFERENTS),
    ),
    Kind("report_reminders", _("Periodic reports due"), ("report-reminder",), frozenset(CLUSTER)),
    Kind("oversight_digest", _("Weekly oversight digest"), ("referent-digest",), frozenset(REFERENTS)),
    Kind("network_digest", _("Weekly digest of the knowledge centre and calls"), ("network-digest",)),
    Kind("calls", _("Deadlines of calls for proposals"), ("call-deadline",), frozenset({Role.CLUSTER_CEO})),
    Kind("playbook", _("Playbook pages due for review"), ("playbook-review",), frozenset({Role.KNOWLEDGE_EDITOR})),
    Kind(
        "forum_meetings", _("Forum meetings: invitations and reminders"), ("forum-invitation", "forum-meeting-reminder")
    ),
    Kind("forum_actions", _("Overdue actions of forum decisions"), ("forum-action-overdue",)),
    Kind("forum_digest", _("Weekly digest of my forums"), ("forum-digest",)),
    Kind("other", _("Other messages"), ()),
]
KINDS_BY_CODE = {kind.code: kind for kind in KINDS}
KIND_OF_PREFIX = {prefix: kind.code for kind in KINDS for prefix in kind.prefixes}
ALWAYS_EMAILED = frozenset(kind.code for kind in KINDS if kind.is_always_emailed)

LINK = re.compile(r"https?://[^\s<>\"'()]+")


def kind_code(kind: str) -> str:
    """The catalogue code of a sender's kind: a code itself, an outbox key prefix, or else "other"."""
    if kind in KINDS_BY_CODE:
        return kind
    return KIND_OF_PREFIX.get(kind, "other")


def kinds_for(user: User) -> list[Kind]:
    """The kinds this person may receive, for their preferences page (everyone: those without roles named)."""
    roles = user.roles
    if Role.PLATFORM_ADMIN in roles:
        return list(KINDS)
    return [kind for kind in KINDS if kind.roles is None or roles.intersection(kind.roles)]


def link_in(body: str) -> str:
    """The first link of an email's body to a page of the platform, as a path ("" when there is none)."""
    base = settings.PLATFORM_URL
    for match in LINK.finditer(body):
        url = match.group(0).rstrip(".,;:")
        if url == base or url.startswith(base + "/"):
            return url[len(base) :] or "/"
    return ""


def record_email(*, key: str, kind: str, to: list[str], subject: str, body: str) -> list[str]:
    """The outbox hook: a notification for each recipient with an account (once per key), and the recipients who
    still get the email. Three queries, whatever the number of recipients."""
    code = kind_code(kind)
    people = list(
        User.objects.filter(email__in=[address.lower() for address in to], is_active=True)
        .annotate(
            opted_out=Exists(
                EmailPreference.objects.filter(user=OuterRef("pk"), kind=code, wants_email=False).exclude(
                    kind__in=ALWAYS_EMAILED
                )
            )
        )
        .values_list("pk", "email", "opted_out")
    )
    if not people:
        return to
    # Account emails carry one-time links (an invitation's token): the notification keeps the subject only.
    link = "" if code == "account" else link_in(body)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk, key=key, kind=code, subject=subject[:500], link=link[:500], is_emailed=not opted_out
            )
            for pk, _email, opted_out in people
        ],
        ignore_conflicts=True,
    )
    _recount_unread([pk for pk, _email, _opted_out in people])
    skipped = {email for _pk, email, opted_out in people if opted_out}
    return [address for address in to if address.lower() not in skipped]


def _recount_unread(user_ids: list[int]) -> None:
    unread = (
        Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    User.objects.filter(pk__in=user_ids).update(unread_notifications=Coalesce(Subquery(unread), Value(0)))


def notifications_visible_to(user: User) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody sees another person's."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


@transaction.atomic
def mark_read(*, notification: Notification) -> bool:
    """Mark one notification read; True when it was unread."""
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        _recount_unread([notification.user_id])
    return bool(changed)


@transaction.atomic
def mark_all_read(*, user: User) -> int:
    """Mark every unread notification of this person read; returns how many."""
    changed = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    _recount_unread([user.pk])
    return changed


def email_choices(user: User) -> dict[str, bool]:
    """Whether this person gets each of their kinds by email (always-emailed kinds are True)."""
    stored = dict(EmailPreference.objects.filter(user=user).values_list("kind", "wants_email"))
    return {kind.code: kind.is_always_emailed or stored.get(kind.code, True) for kind in kinds_for(user)}


@transaction.atomic
def save_email_preferences(*, user: User, choices: dict[str, bool]) -> None:
    """Keep which kinds this person gets by email; always-emailed and unknown kinds are ignored."""
    for code, wants_email in choices.items():
        if code not in KINDS_BY_CODE or code in ALWAYS_EMAILED:
            continue
        EmailPreference.objects.update_or_create(user=user, kind=code, defaults={"wants_email": bool(wants_email)})
