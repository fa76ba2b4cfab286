"""Factories for the forums: a forum of the world's cluster, chaired by its CEO, facilitated by the world's advisor
through an active engagement, with the other cluster's CEO as a member and the cluster's Interior referent as an
observer; a closed meeting with a decision and an upcoming one with its agenda. Made through the services."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from forums import services
from forums.models import MemberRole, ScopeKind, Theme


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_forum(*, chair, cluster=None, name="פורום מנהלי המחוזות", scope_kind=None, region="", **values):
    scope_kind = scope_kind or (ScopeKind.CLUSTER if cluster else ScopeKind.NATIONAL)
    return services.create_forum(
        created_by=chair,
        name=name,
        theme=values.pop("theme", Theme.DISTRICT_MANAGERS),
        scope_kind=scope_kind,
        cluster=cluster,
        region=region,
        **values,
    )


def seat(forum, person, role, *, by, since=None):
    return services.add_member(
        forum=forum, person=person, role=role, added_by=by, since=since or timezone.localdate() - timedelta(days=90)
    )


def build_forum_world(world, *, log_facilitation=True):
    """Adds to the world: profile, goal, engagement, forum, hosts, past (closed) and upcoming meetings, a decision,
    an agenda item, and (when asked) two forum-facilitation work logs on the engagement."""
    from advisors.models import VettingState
    from engagements import services as engagement_services
    from tests.factories.advisors import make_profile
    from tests.factories.engagements import active_engagement, goal_of

    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["goal"] = goal_of(world.cluster)
    today = timezone.localdate()
    world.extra["engagement"] = active_engagement(
        cluster=world.cluster,
        ceo=world.ceo,
        profile=world.profile,
        goals=[world.goal],
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=200),
    )
    if log_facilitation:
        for days_ago, hours, text in [(30, "2.5", "הנחיית הפורום: הכנה"), (20, "3", "הנחיית הפורום: מפגש")]:
            entry = engagement_services.log_work(
                engagement=world.engagement,
                advisor=world.advisor,
                worked_on=today - timedelta(days=days_ago),
                hours=Decimal(hours),
                activity="forum",
                text=text,
                goals=[],
            )
        engagement_services.approve_work_log(entry=entry, approved_by=world.ceo)
    forum = make_forum(chair=world.ceo, cluster=world.cluster)
    forum.members.update(since=today - timedelta(days=90))
    world.extra["forum"] = forum
    seat(forum, world.advisor, MemberRole.FACILITATOR, by=world.ceo)
    seat(forum, world.other_ceo, MemberRole.MEMBER, by=world.ceo)
    seat(forum, world.referent, MemberRole.OBSERVER, by=world.ceo)
    services.set_facilitating_engagement(forum=forum, engagement_id=world.engagement.pk, set_by=world.ceo)
    world.extra["hosts"] = [
        services.add_host(forum=forum, office=office, added_by=world.ceo)
        for office in ("משרד הרווחה – צפון", "משרד החינוך – צפון", "משרד הבריאות – צפון")
    ]
    past_day = today - timedelta(days=35)
    past = services.schedule_meeting(
        forum=forum, starts_at=at(past_day, 9), ends_at=at(past_day, 13), host=world.hosts[0], created_by=world.ceo
    )
    services.close_meeting(meeting=past, minutes="סוכם על נוהל משותף", closed_by=world.advisor)
    world.extra["past"] = past
    world.extra["decision"] = services.record_decision(
        meeting=past,
        text="לגבש נוהל משותף",
        owner=world.other_ceo,
        due_on=today + timedelta(days=20),
        goals=[world.goal],
        recorded_by=world.advisor,
    )
    next_day = today + timedelta(days=10)
    world.extra["upcoming"] = services.schedule_meeting(
        forum=forum,
        starts_at=at(next_day, 9),
        ends_at=at(next_day, 13),
        host=services.suggested_host(forum),
        created_by=world.ceo,
    )
    world.extra["item"] = services.add_agenda_item(
        meeting=world.upcoming, starts_at=time(9, 0), duration_minutes=30, title="פתיחה", added_by=world.ceo
    )
    return world
