"""Demo engagements between the demo CEO's cluster and the demo advisor, in several states. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from advisors.models import AdvisorProfile
from advisors.selectors import listed_profiles
from advisors.services import add_to_shortlist, create_shortlist
from clusters.models import Cluster, Goal

from . import services
from .models import Engagement
from .request_demo import DEMO_NEED, seed_requests


@transaction.atomic
def seed(*, stdout) -> None:
    ceo = User.objects.filter(email="ceo@demo.test").first()
    profile = AdvisorProfile.objects.select_related("organisation").filter(person__email="advisor@demo.test").first()
    if ceo is None or profile is None or not profile.organisation.is_vetted:
        stdout.write("engagements: no demo CEO or advisor profile, nothing seeded")
        return
    seed_requests(ceo=ceo, stdout=stdout)
    cluster = Cluster.objects.filter(pk__in=ceo.scope_ids(Role.CLUSTER_CEO)).first()
    if cluster is None or Engagement.objects.filter(cluster=cluster, advisor=profile).exists():
        stdout.write(f"engagements: {Engagement.objects.count()} engagements")
        return
    today = timezone.localdate()
    goals = list(Goal.objects.filter(service__cluster=cluster, is_active=True)[:2])
    # The demo request asks for DEMO_NEED, so the engagements address other needs and the request stays an open need.
    needs = list(profile.needs.exclude(code=DEMO_NEED)[:2])

    def draft(scope, starts_ago, length, hours):
        return services.create_engagement(
            cluster=cluster,
            profile=profile,
            model=profile.organisation.relationship_model,
            needs=needs,
            goals=goals,
            scope=scope,
            starts_on=today - timedelta(days=starts_ago),
            ends_on=today - timedelta(days=starts_ago) + timedelta(days=length),
            budget_hours=Decimal(hours),
            created_by=ceo,
        )

    declaration = services.DECLARATION_TEXT_DEFAULT
    active = draft("ליווי הכנת תוכנית העבודה והתקציב לשירות הפסולת", 60, 240, 120)
    services.propose_engagement(engagement=active, proposed_by=ceo)
    services.accept_engagement(engagement=active, accepted_by=profile.person, declaration=declaration)
    for days_ago, hours, activity, text in [
        (20, "3", "analysis", "ניתוח עלויות הפינוי ברשויות החברות"),
        (13, "2.5", "forum", "הנחיית פורום מנהלי התפעול"),
        (6, "4", "documents", "טיוטת תוכנית העבודה"),
        (2, "1.5", "ministry_meeting", "פגישה עם משרד הפנים"),
    ]:
        entry = services.log_work(
            engagement=active,
            advisor=profile.person,
            worked_on=today - timedelta(days=days_ago),
            hours=Decimal(hours),
            activity=activity,
            text=text,
            goals=goals[:1],
        )
        if days_ago > 10:
            services.approve_work_log(entry=entry, approved_by=ceo)
    proposed = draft("אבחון צרכים בתחום הרווחה", -7, 120, 40)
    services.propose_engagement(engagement=proposed, proposed_by=ceo)
    completed = draft("הכנת מכרז משותף לאיסוף פסולת", 300, 150, 60)
    services.propose_engagement(engagement=completed, proposed_by=ceo)
    services.accept_engagement(engagement=completed, accepted_by=profile.person, declaration=declaration)
    services.complete_engagement(engagement=completed, completed_by=ceo)
    services.submit_review(
        engagement=completed, author=ceo, text="ליווי מקצועי וזמין", expertise=5, responsiveness=4, goals=4, value=4
    )
    draft("טיוטה: ליווי ועדת ההיגוי", 0, 90, 20)
    _seed_open_shortlist(cluster=cluster, ceo=ceo, covered={need.pk for need in needs})
    stdout.write(f"engagements: {Engagement.objects.count()} engagements")


def _seed_open_shortlist(*, cluster: Cluster, ceo: User, covered: set[int]) -> None:
    """A shortlist for a need no active engagement addresses, so the recommendations page has an open need."""
    profiles = list(listed_profiles())
    need = next((need for profile in profiles for need in profile.needs.all() if need.pk not in covered), None)
    if need is None:
        return
    shortlist = create_shortlist(cluster=cluster, need=need, title=need.label_he, created_by=ceo)
    for profile in [profile for profile in profiles if need in profile.needs.all()][:2]:
        add_to_shortlist(shortlist=shortlist, profile=profile, note="", added_by=ceo)
