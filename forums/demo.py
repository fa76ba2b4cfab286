"""Demo forum: a roaming forum of the government ministries' district managers with five hosting offices, facilitated
by the demo advisor through an engagement, the CEOs as members and the Interior referent as an observer; a past
meeting closed with minutes and decisions linked to the demo goals, and an upcoming meeting with its agenda.
Idempotent."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from clusters.models import Cluster, Goal
from engagements.selectors import facilitation_engagements

from . import services
from .models import Forum, MemberRole, ScopeKind, Theme

NAME = "פורום מנהלי המחוזות של משרדי הממשלה – צפון"
OFFICES = [
    "משרד הרווחה – מחוז צפון",
    "משרד החינוך – מחוז צפון",
    "משרד הבריאות – מחוז צפון",
    "משרד הפנים – מחוז צפון",
    "רשות החירום הלאומית – פיקוד צפון",
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@transaction.atomic
def seed(*, stdout) -> None:
    if Forum.objects.filter(name=NAME).exists():
        stdout.write(f"forums: {Forum.objects.count()} forums")
        return
    people = {user.email: user for user in User.objects.filter(email__endswith="@demo.test")}
    ceo, advisor = people.get("ceo@demo.test"), people.get("advisor@demo.test")
    cluster = Cluster.objects.filter(pk__in=ceo.scope_ids(Role.CLUSTER_CEO)).first() if ceo else None
    if cluster is None or advisor is None:
        stdout.write("forums: no demo CEO, cluster or advisor, nothing seeded")
        return
    forum = services.create_forum(
        created_by=ceo,
        name=NAME,
        theme=Theme.DISTRICT_MANAGERS,
        scope_kind=ScopeKind.REGION,
        region=cluster.region or "north",
        description="מפגש כל חמישה שבועות, חצי יום, בכל פעם אצל משרד מארח אחר; פעמיים בשנה מפגש ארצי. "
        "הנושאים נבחרים בידי החברים.",
        meets_every_weeks=5,
        represents=str(cluster.name),
    )
    seats = [
        ("advisor@demo.test", MemberRole.FACILITATOR, "מנחת הפורום"),
        ("ceo2@demo.test", MemberRole.MEMBER, ""),
        ("board@demo.test", MemberRole.MEMBER, "ראש רשות"),
        ("referent@demo.test", MemberRole.OBSERVER, "משרד הפנים"),
    ]
    since = timezone.localdate() - timedelta(days=120)
    forum.members.update(since=since)  # the chair too: the forum has met for months
    for email, role, represents in seats:
        if email in people:
            services.add_member(
                forum=forum, person=people[email], role=role, represents=represents, since=since, added_by=ceo
            )
    engagement = facilitation_engagements(user=ceo, advisor_person_ids=[advisor.pk]).first()
    if engagement is not None:
        services.set_facilitating_engagement(forum=forum, engagement_id=engagement.pk, set_by=ceo)
    hosts = [services.add_host(forum=forum, office=office, added_by=ceo) for office in OFFICES]

    today = timezone.localdate()
    past_day = today - timedelta(days=35)
    past = services.schedule_meeting(
        forum=forum,
        starts_at=_at(past_day, 9),
        ends_at=_at(past_day, 13),
        host=hosts[0],
        location="נצרת עילית, בניין המשרדים",
        title="מוכנות לחירום בשירותי הרווחה",
        created_by=ceo,
    )
    for hour, minutes, title, presenter in [
        (time(9, 0), 30, "פתיחה וסבב עדכונים", "יו״ר הפורום"),
        (time(9, 30), 90, "תרגיל חירום אזורי: מה למדנו", "רשות החירום הלאומית"),
        (time(11, 15), 60, "שיתוף מידע בין הרשויות על משפחות בסיכון", "משרד הרווחה"),
    ]:
        services.add_agenda_item(
            meeting=past, starts_at=hour, duration_minutes=minutes, title=title, presenter=presenter, added_by=advisor
        )
    services.record_attendance(
        meeting=past, attended_user_ids=[person.pk for person in people.values()], recorded_by=advisor
    )
    services.close_meeting(
        meeting=past,
        minutes="השתתפו נציגי חמשת המשרדים והאשכול. הוצגו לקחי התרגיל האזורי. סוכם לבנות נוהל אחיד לשיתוף מידע "
        "בחירום ולבחון הרחבת המוקד האזורי.",
        closed_by=advisor,
    )
    goals = list(Goal.objects.filter(service__cluster=cluster, is_active=True).order_by("pk")[:2])
    first = services.record_decision(
        meeting=past,
        text="לגבש נוהל אחיד לשיתוף מידע בחירום בין הרשויות והמשרדים",
        owner=ceo,
        due_on=today - timedelta(days=3),
        goals=goals[:1],
        recorded_by=advisor,
    )
    services.record_decision(
        meeting=past,
        text="לבחון הרחבת שעות המוקד האזורי לפניות תושבים",
        owner=people.get("ceo2@demo.test", ceo),
        due_on=today + timedelta(days=40),
        goals=goals[1:],
        recorded_by=advisor,
    )
    services.follow_up_decision(
        decision=first, note="טיוטת הנוהל הופצה להערות החברים.", status="in_progress", written_by=ceo, meeting=past
    )
    next_day = today + timedelta(days=9)
    upcoming = services.schedule_meeting(
        forum=forum,
        starts_at=_at(next_day, 9),
        ends_at=_at(next_day, 13),
        host=services.suggested_host(forum),
        location="כרמיאל, אולם הישיבות",
        title="חינוך בלתי פורמלי אזורי",
        created_by=ceo,
    )
    for hour, minutes, title, presenter in [
        (time(9, 0), 30, "מעקב החלטות המפגש הקודם", "מנחת הפורום"),
        (time(9, 30), 90, "תוכניות חינוך בלתי פורמלי משותפות", "משרד החינוך"),
        (time(11, 15), 45, "בחירת נושאים למפגש הבא", ""),
    ]:
        services.add_agenda_item(
            meeting=upcoming, starts_at=hour, duration_minutes=minutes, title=title, presenter=presenter, added_by=ceo
        )
    stdout.write(f"forums: {Forum.objects.count()} forums")
